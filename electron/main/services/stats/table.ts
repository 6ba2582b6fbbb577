/* The services behind the overview methods (shared/contract/stats.ts). */
import type { statsMethods } from '../../../../shared/contract/stats'
import type { Service } from '../index'
import { chartData } from './charts'
import { clerkHome, mediatorHome, supervisorHome } from './home'

export const statsServices: { [M in keyof typeof statsMethods]: Service<M> } = {
  'stats.clerkHome': clerkHome,
  'stats.mediatorHome': mediatorHome,
  'stats.supervisorHome': supervisorHome,
  'stats.charts': chartData
}
