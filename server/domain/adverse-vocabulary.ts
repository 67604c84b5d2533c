/**
 * The words of an adverse-reaction report (不良反应, S0:423-439), shared by the schema, the rules
 * and the API. Imports nothing, so that db/schema can use it without an arrow pointing up.
 */

/**
 * The five criteria of a serious reaction (药具严重不良反应, S0:427-432), in the regulation's order:
 * 1 death; 2 cancer, malformation or birth defect; 3 danger to life with permanent or significant
 * disability; 4 permanent damage to an organ's function; 5 hospitalisation or a longer stay.
 */
export const SERIOUS_CRITERIA = ['death', 'cancer_or_birth_defect', 'life_threatening_disability', 'permanent_organ_damage', 'hospitalisation'] as const;
export type SeriousCriterion = (typeof SERIOUS_CRITERIA)[number];

/** 转归, as the national ADR form words it: 痊愈, 好转, 未好转, 有后遗症, 死亡, 不详. */
export const ADR_OUTCOMES = ['recovered', 'improving', 'not_recovered', 'sequelae', 'death', 'unknown'] as const;
export type AdrOutcome = (typeof ADR_OUTCOMES)[number];

/**
 * Where a report stands. A report without serious criteria is `filed`: it has reached the
 * township with form 11 and nothing more is due. A serious one waits for the county's
 * confirmation, then its case report (form 13) goes to the region.
 */
export const ADR_STATUSES = ['filed', 'awaiting_confirmation', 'confirmed', 'submitted'] as const;
export type AdrStatus = (typeof ADR_STATUSES)[number];

/** Who confirmed a serious reaction (S0:438): the county's family-planning technical service, or a health body of the same level. */
export const DIAGNOSING_BODIES = ['fp_technical_service', 'health_body'] as const;
export type DiagnosingBody = (typeof DIAGNOSING_BODIES)[number];

/** The county's decision on a report flagged serious: confirmed (with the criteria it found), or not serious. */
export const CONFIRMATION_DECISIONS = ['confirmed', 'not_serious'] as const;
export type ConfirmationDecision = (typeof CONFIRMATION_DECISIONS)[number];
