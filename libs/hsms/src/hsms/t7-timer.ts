/** E37 T7 (NOT SELECTED timeout): one timer, restarted on every entry into NOT SELECTED. */
export class T7Timer {
  private timer: NodeJS.Timeout | undefined;

  /** (Re)starts the timer: `expired` runs after `seconds` unless clear() comes first. */
  start(seconds: number, expired: () => void): void {
    this.clear();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      expired();
    }, seconds * 1000);
  }

  clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
