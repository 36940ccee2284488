import { useEffect, useRef, type PointerEvent as ReactPointerEvent } from 'react';
import type { ImageRef } from '../../../shared/view';
import type { ImageSlot, ViewState } from '../state/types';

interface ImagePairProps {
  probe: ImageRef;
  subject: ImageRef;
  view: ViewState;
  onImageLoad: (slot: ImageSlot, ok: boolean) => void;
  onPan: (dx: number, dy: number) => void;
  onZoom: (factor: number) => void;
}

const WHEEL_STEP = 1.15;

/**
 * The live face and the watchlist face side by side, in frames of the same size, with
 * one zoom and pan applied to both so the officer compares like with like.
 */
export function ImagePair({ probe, subject, view, onImageLoad, onPan, onZoom }: ImagePairProps) {
  const pairRef = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number } | null>(null);
  const zoomRef = useRef(onZoom);
  zoomRef.current = onZoom;

  // React registers wheel listeners as passive, which cannot stop the page scrolling.
  useEffect(() => {
    const el = pairRef.current;
    if (!el) return;
    const onWheel = (event: WheelEvent) => {
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
  const frame = (slot: ImageSlot, ref: ImageRef, alt: string, caption: string) => (
    <figure className="face">
      <div
        className={`face-frame${view.zoom > 1 ? ' pannable' : ''}`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
      >
        {ref.url ? (
          <img
            src={ref.url}
            alt={alt}
            draggable={false}
            style={{ transform }}
            onLoad={(e) => onImageLoad(slot, e.currentTarget.naturalWidth > 0)}
            onError={() => onImageLoad(slot, false)}
          />
        ) : (
          <p className="purged">Image purged under retention: no longer held.</p>
        )}
      </div>
      <figcaption>
        {caption}{' '}
        <span className="muted small">
          {ref.width}×{ref.height}
        </span>
      </figcaption>
    </figure>
  );

  return (
    <div className="face-pair" ref={pairRef}>
      {frame('probe', probe, 'Probe image', 'Live camera')}
      {frame('subject', subject, 'Watchlist image', 'Watchlist reference')}
    </div>
  );
}
