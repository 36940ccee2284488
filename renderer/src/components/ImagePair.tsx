import { useEffect, useRef, type CSSProperties, type PointerEvent as ReactPointerEvent } from 'react';
import { defineMessages, useIntl } from 'react-intl';
import { TERM_MESSAGES } from '../../../shared/i18n/glossary';
import { messageTable } from '../../../shared/message-table';
import type { ImageRef } from '../../../shared/view';
import type { ImageSlot, ViewState } from '../state/types';
import { useDecodedPair } from './useDecodedPair';
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

const M = messageTable(
  defineMessages({
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
  const image = (slot: ImageSlot, ref: ImageRef, alt: string, style: CSSProperties = {}) =>
    ref.url && !decoded ? null : ref.url ? (
      <img
        src={imageSrc(ref.url)}
        alt={alt}
        draggable={false}
        className={`face-image face-${slot}`}
        style={{ transform, filter, ...style }}
        onLoad={(e) => onImageLoad(slot, e.currentTarget.naturalWidth > 0)}
        onError={() => onImageLoad(slot, false)}
      />
    ) : (
      <p className="purged">{say(M.purged)}</p>
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
