/**
 * The vocabulary of trainings and public education (S0:462-472), below the schema and the API
 * so that both use the same words.
 */

/** TRN-2, S0:465: basic knowledge of the supplies, business skills, service skills. */
export const TRAINING_TOPICS = ['supplies_knowledge', 'business_skills', 'service_skills'] as const;
export type TrainingTopic = (typeof TRAINING_TOPICS)[number];

/**
 * TRN-8, S0:470: what public education covers: how the supplies act, their properties and use,
 * precautions and contraindications, side effects and their handling, the free-supply policy and
 * local rules.
 */
export const EDUCATION_TOPICS = ['action_and_use', 'precautions', 'side_effects', 'free_supply_policy', 'local_rules'] as const;
export type EducationTopic = (typeof EDUCATION_TOPICS)[number];

/** The two records the cadence is checked against. */
export const CADENCE_KINDS = ['staff_training', 'public_education'] as const;
export type CadenceKind = (typeof CADENCE_KINDS)[number];
