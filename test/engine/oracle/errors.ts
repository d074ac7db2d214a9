/**
 * Comparing an engine error with the message torch raised (expected.error). Two differences are
 * deliberate and removed before comparing, nothing else: every Gradlens error starts with
 * "[op] ", and torch's version-counter error ends with a hint to enable anomaly detection
 * (torch.autograd.set_detect_anomaly), an API Gradlens does not have, so it leaves the hint out.
 */
import { GradlensError } from '../../../engine/index';

export const ANOMALY_HINT = ' Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).';

/** torch's message as Gradlens is expected to word it. */
export function expectedMessage(torchMessage: string): string {
  return torchMessage.endsWith(ANOMALY_HINT) ? torchMessage.slice(0, -ANOMALY_HINT.length) : torchMessage;
}

/** The engine's message without its "[op] " prefix; a non-Gradlens error keeps its name, so it never matches. */
export function actualMessage(e: unknown): string {
  if (e instanceof GradlensError) return e.message.slice(e.op.length + 3);
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
