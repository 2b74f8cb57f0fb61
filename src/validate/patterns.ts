/**
 * Patterns the bundled schemas use that deserve a plain-words message.
 */

/** Kubernetes' resource.Quantity: a signed decimal with an optional SI (m, k, M…), binary-SI (Ki, Mi…) or exponent suffix. */
export const QUANTITY_PATTERN = '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$';
