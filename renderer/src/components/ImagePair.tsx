import {
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type PointerEvent as ReactPointerEvent,
} from 'react';
import { defineMessages, useIntl } from 'react-intl';
import { TERM_MESSAGES } from '../../../shared/i18n/glossary';
import { messageTable } from '../../../shared/message-table';
import type { ImageRef } from '../../../shared/view';
import type { ImageSlot, ViewState } from '../state/types';
import { useDecodedPair } from './useDecodedPair';
import { faceSrc } from '../state/faces';
import { imageSrc } from '../bridge';

interface ImagePairProps {
  probe: ImageRef;
  subject: ImageRef;
  view: ViewState;
  onImageLoad: (slot: ImageSlot, ok: boolean) => void;
  onPan: (dx: number, dy: number) => void;
  onZoom: (factor: number) => void;
}

const WHEEL_STEP = 1.15;
/** A face that could not be shown is tried again this often (the feed may be sending it again). */
export const FACE_RETRY_MS = 3000;
const FACE_RETRIES = 100;

/**
 * Faces that failed to show, each with how many times it has been tried. A failed face is
 * loaded again every FACE_RETRY_MS (a new <img>: a failed load is not cached, and the
 * station answers a missing file "no-store"), so one the feed sends again appears by itself.
 */
function useFaceRetries(key: string) {
  const [failed, setFailed] = useState<{ key: string; tries: Partial<Record<ImageSlot, number>> }>({
    key,
    tries: {},
  });
  const tries = failed.key === key ? failed.tries : {};
  const pending = Object.values(tries).some((n) => n !== undefined && n < FACE_RETRIES);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => setAttempt((n) => n + 1), FACE_RETRY_MS);
    return () => clearTimeout(timer);
  }, [pending, attempt]);
  const settle = (slot: ImageSlot, ok: boolean) =>
    setFailed((f) => {
      const current = f.key === key ? f.tries : {};
      const next = { ...current };
      if (ok) delete next[slot];
      else next[slot] = (current[slot] ?? 0) + 1;
      return { key, tries: next };
    });
  return { tries, attempt, settle };
}

/** One face: the image, its retention note, or (while it fails) why it is not there, in words. */
function Face(props: {
  slot: ImageSlot;
  url: string | null;
  alt: string;
  style: CSSProperties;
  failed: boolean;
  attempt: number;
  report: (slot: ImageSlot, ok: boolean) => void;
}) {
  const { slot, url, failed, report } = props;
  const say = useIntl().formatMessage;
  // The bytes decoded ahead when they are still kept (state/faces.ts), fixed for this face: a
  // later render never swaps what is showing. A retry fetches the stored image.
  const src = useMemo(() => (url ? faceSrc(url) : null), [url]);
  if (!url || !src) return <p className="purged">{say(M.purged)}</p>;
  return (
    <>
      {failed && (
        <p className="face-not-shown" role="status">
          {say(M.notShown, { slot })}
        </p>
      )}
      <img
        // A new element each try while it fails: the browser loads it again.
        key={failed ? `retry-${props.attempt}` : 'face'}
        src={failed ? imageSrc(url) : src}
        alt={props.alt}
        draggable={false}
        hidden={failed}
        className={`face-image face-${slot}`}
        style={props.style}
        onLoad={(e) => report(slot, e.currentTarget.naturalWidth > 0)}
        onError={() => report(slot, false)}
      />
    </>
  );
}

const M = messageTable(
  defineMessages({
    notShown: {
      id: 'components.images.not-shown',
      defaultMessage:
        '{slot, select, probe {The live camera face} other {The watchlist face}} could not be shown (its file is missing or will not decode). Tried again every few seconds: it appears here if it arrives.',
      description: 'In place of a face that failed to load; slot says which face',
    },
    purged: {
      id: 'components.images.purged',
      defaultMessage: 'Image purged under retention: no longer held.',
      description: 'In place of an image deleted when its retention ran out',
    },
    swipe: {
      id: 'components.images.swipe',
      defaultMessage: 'Live camera on the left of the line, watchlist reference on the right',
      description: 'Caption of the swipe comparison',
    },
    overlay: {
      id: 'components.images.overlay',
      defaultMessage: 'Watchlist reference over the live camera',
      description: 'Caption of the overlay comparison',
    },
    size: {
      id: 'components.images.size',
      defaultMessage: '{width}×{height}',
      description: 'Image size in pixels',
    },
    live: {
      id: 'components.images.live',
      defaultMessage: 'Live camera',
      description: 'Caption of the probe image',
    },
    reference: {
      id: 'components.images.reference',
      defaultMessage: 'Watchlist reference',
      description: 'Caption of the watchlist image',
    },
  }),
);

/**
 * The live face and the watchlist face side by side, in frames of the same size, with
 * one zoom and pan applied to both so the officer compares like with like.
 */
export function ImagePair({ probe, subject, view, onImageLoad, onPan, onZoom }: ImagePairProps) {
  const pairRef = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number } | null>(null);
  const zoomRef = useRef(onZoom);
  zoomRef.current = onZoom;
  // The pair goes in only when both are decoded; until then the frames stay empty (never the old faces).
  const decoded = useDecodedPair(probe.url, subject.url);
  const say = useIntl().formatMessage;
  const probeAlt = say(TERM_MESSAGES.probe);
  const subjectAlt = say(TERM_MESSAGES.reference);
  const retries = useFaceRetries(`${probe.url ?? ''}\n${subject.url ?? ''}`);

  // React registers wheel listeners as passive, which cannot stop the page scrolling.
  useEffect(() => {
    const el = pairRef.current;
    if (!el) return;
    const onWheel = (event: WheelEvent) => {
      // Where the page scrolls (replay, 200% zoom) the wheel scrolls it; Ctrl+wheel still zooms.
      const page = document.documentElement;
      if (page.scrollHeight > page.clientHeight && !event.ctrlKey) return;
      event.preventDefault();
      zoomRef.current(event.deltaY < 0 ? WHEEL_STEP : 1 / WHEEL_STEP);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.button !== 0 || view.zoom === 1) return;
    drag.current = { x: event.clientX, y: event.clientY };
    event.currentTarget.setPointerCapture?.(event.pointerId);
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const dx = event.clientX - drag.current.x;
    const dy = event.clientY - drag.current.y;
    drag.current = { x: event.clientX, y: event.clientY };
    onPan(dx, dy);
  };
  const endDrag = () => {
    drag.current = null;
  };

  const transform = `translate(${view.panX}px, ${view.panY}px) scale(${view.zoom})`;
  // One tone for both images, so a difference between them is in the faces, not the settings.
  const filter =
    view.brightness === 100 && view.contrast === 100
      ? undefined
      : `brightness(${view.brightness}%) contrast(${view.contrast}%)`;
  const report = (slot: ImageSlot, ok: boolean) => {
    retries.settle(slot, ok);
    onImageLoad(slot, ok);
  };
  const image = (slot: ImageSlot, ref: ImageRef, alt: string, style: CSSProperties = {}) =>
    ref.url && !decoded ? null : (
      <Face
        slot={slot}
        url={ref.url}
        alt={alt}
        style={{ transform, filter, ...style }}
        failed={retries.tries[slot] !== undefined}
        attempt={retries.attempt}
        report={report}
      />
    );
  const frameProps = {
    className: `face-frame${view.zoom > 1 ? ' pannable' : ''}`,
    onPointerDown,
    onPointerMove,
    onPointerUp: endDrag,
    onPointerCancel: endDrag,
  };
  const size = (ref: ImageRef) => (
    <span className="muted small">{say(M.size, { width: ref.width, height: ref.height })}</span>
  );

  if (view.compare !== 'side-by-side') {
    // Both images in one frame: the watchlist face over the live one, cut (swipe) or faded (overlay).
    const top: CSSProperties =
      view.compare === 'swipe' ? { clipPath: `inset(0 0 0 ${view.mix}%)` } : { opacity: view.mix / 100 };
    return (
      <div className="face-pair single" ref={pairRef}>
        <figure className="face">
          <div {...frameProps} className={`${frameProps.className} stacked`}>
            {image('probe', probe, probeAlt)}
            {image('subject', subject, subjectAlt, top)}
            {view.compare === 'swipe' && (
              <span className="swipe-line" aria-hidden="true" style={{ left: `${view.mix}%` }} />
            )}
          </div>
          <figcaption>
            {say(view.compare === 'swipe' ? M.swipe : M.overlay)} {size(probe)}
          </figcaption>
        </figure>
      </div>
    );
  }

  return (
    <div className="face-pair" ref={pairRef}>
      <figure className="face">
        <div {...frameProps}>{image('probe', probe, probeAlt)}</div>
        <figcaption>
          {say(M.live)} {size(probe)}
        </figcaption>
      </figure>
      <figure className="face">
        <div {...frameProps}>{image('subject', subject, subjectAlt)}</div>
        <figcaption>
          {say(M.reference)} {size(subject)}
        </figcaption>
      </figure>
    </div>
  );
}
