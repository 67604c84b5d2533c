/**
 * The largest amounts the system takes, so that every quantity, value and sum of values stays
 * an exact integer in JavaScript (below 2^53 ≈ 9.0 × 10^15). A line holds at most ten million
 * units at no more than 10,000 yuan each (10^13 fen); a balance is refused past 10^13 fen, so
 * that even a sum over hundreds of balances at their limit is exact.
 *
 * Example: 99,999,999 units at 99,999,999 fen (about 10^16, beyond exact integers) is refused
 * at input (422 validation_failed); 10,000,000 units at 1,000,000 fen posts, and a second such
 * line into the same balance is refused (422 amount_out_of_range).
 */
export const MAX_LINE_QUANTITY = 10_000_000;
export const MAX_UNIT_PRICE_FEN = 1_000_000;
export const MAX_BALANCE_QUANTITY = 1_000_000_000;
export const MAX_BALANCE_VALUE_FEN = 10_000_000_000_000;
