/** A short arrival tone made with WebAudio, so no audio files ship with the app. */
import type { Tier } from '../../shared/feed/schemas';

let context: AudioContext | null = null;

function tone(ctx: AudioContext, at: number, frequency: number): void {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = 'sine';
  osc.frequency.value = frequency;
  // A soft envelope avoids the click of a square start and stop.
  gain.gain.setValueAtTime(0, at);
  gain.gain.linearRampToValueAtTime(0.18, at + 0.02);
  gain.gain.linearRampToValueAtTime(0, at + 0.18);
  osc.connect(gain).connect(ctx.destination);
  osc.start(at);
  osc.stop(at + 0.2);
}

/** Red plays two rising tones, the others one, so the urgency can be heard too. */
export function playChime(tier: Tier): void {
  if (typeof AudioContext === 'undefined') return;
  context ??= new AudioContext();
  const t = context.currentTime + 0.01;
  if (tier === 'red') {
    tone(context, t, 660);
    tone(context, t + 0.22, 880);
  } else tone(context, t, tier === 'amber' ? 660 : 520);
}
