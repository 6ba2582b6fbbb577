/* Row types of the tables of hearing scheduling (rooms, hearings, holidays). */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- its tables are added with its migration
export interface HearingTables {}
