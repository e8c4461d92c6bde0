export type AlertErrorCode =
  | 'alert/not-found'
  | 'alert/illegal-transition'
  | 'alert/invalid-incident'
  | 'alert/unknown-reference'
  | 'alert/text-too-long'
  | 'alert/conflict'
  | 'alert/forbidden'
  | 'alert/own-approval'
  | 'alert/unknown-audience'
  // A Cancel (or Update) of an alert that is not on air, or of one another Cancel already took off it.
  | 'alert/not-on-air'
  | 'alert/already-cancelled'
  // Kills asked of an alert that is not a Cancel.
  | 'alert/not-a-cancel'
  // An area that no terrestrial or satellite cell reaches: an alert there would reach nobody.
  | 'alert/area-reaches-no-cell'
  // A kill batch whose target batch is still being transmitted: retried until that one is done.
  | 'alert/target-in-flight'
  // A broadcast batch of an alert that left the air, which another job may still be transmitting:
  // not dropped until that job is done or its lease lapses.
  | 'alert/batch-in-flight';

export class AlertError extends Error {
  constructor(
    readonly code: AlertErrorCode,
    message: string,
    // Where in the input the problem is (a JSON pointer or a CAP element path), when known.
    readonly pointer?: string,
  ) {
    super(message);
    this.name = 'AlertError';
  }
}
