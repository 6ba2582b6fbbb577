/* Row types of the tables of the mediation lifecycle (records, agreements, follow-ups, confirmations). */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- its tables are added with its migration
export interface LifecycleTables {}
