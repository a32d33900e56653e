/**
 * ALCD, the alarm code byte (E5): bit 8 (0x80) set means the alarm is set (unsafe), clear means
 * cleared; bits 1-7 hold the category.
 */
export const ALCD_SET = 0x80;

export const AlarmCategory = Object.freeze({
  personalSafety: 1,
  equipmentSafety: 2,
  parameterControlWarning: 3,
  parameterControlError: 4,
  irrecoverableError: 5,
  equipmentStatusWarning: 6,
  attentionFlags: 7,
  dataIntegrity: 8,
} as const);

export interface AlarmCode {
  /** The alarm is set (bit 8). */
  readonly set: boolean;
  /** Bits 1-7 (AlarmCategory). */
  readonly category: number;
}

/** The ALCD byte for an alarm state and category. */
export function encodeAlcd(code: AlarmCode): number {
  return (code.set ? ALCD_SET : 0) | (code.category & 0x7f);
}

export function decodeAlcd(alcd: number): AlarmCode {
  return { set: (alcd & ALCD_SET) !== 0, category: alcd & 0x7f };
}
