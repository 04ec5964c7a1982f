export {
  createGrowthProjection,
  GROWTH_CAGGS,
  GROWTH_EVENT_TYPES,
  growthProjection,
  readMemberFlow,
} from './growth.projection.js';
export {
  type GrowthBucket,
  type GrowthTotals,
  growthTotals,
  type MemberGrowthSeries,
  memberGrowth,
} from './growth.queries.js';
