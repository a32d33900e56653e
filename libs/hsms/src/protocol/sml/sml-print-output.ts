/**
 * The lines of SML text being printed, under an optional character budget (maxLength). Printers
 * ask `remaining` to print no more of a big item than can still be shown, and stop once `full`,
 * so a capped print of a 16 MiB item costs as much as the cap, not as the item.
 */
export class SmlPrintOutput {
  private readonly lines: string[] = [];
  private length = 0;
  private dropped = false;

  constructor(private readonly maxLength: number) {}

  /** Characters left before the cap (Infinity without one). */
  get remaining(): number {
    return Math.max(0, this.maxLength - this.length);
  }

  get full(): boolean {
    return this.length >= this.maxLength;
  }

  addLine(text: string): void {
    if (this.full) {
      this.dropped = true;
      return;
    }
    this.length += text.length + (this.lines.length > 0 ? 1 : 0);
    this.lines.push(text);
  }

  toString(): string {
    const text = this.lines.join('\n');
    if (text.length <= this.maxLength && !this.dropped) return text;
    return `${text.slice(0, this.maxLength)}\n... truncated at ${this.maxLength} characters`;
  }
}
