import { useEffect, useRef } from 'preact/hooks';
import { acceptEvent, Button } from '../controls/Button.tsx';
import type { Translate } from './view-model.ts';

export interface ZoomedImage {
  /** http(s) URL (the sanitizer allows nothing else). */
  src: string;
  alt: string;
  /** The figure's caption text, '' when there is none. */
  caption: string;
}

export interface ImageZoomProps {
  image: ZoomedImage;
  t: Translate;
  /**
   * Called on Esc, the close button or a click. The owner unmounts the zoom and returns focus
   * to the image that opened it once the rest of the view is no longer inert (ReaderView does).
   */
  onClose: () => void;
  /** Ignore untrusted (script-dispatched) events. Default true. */
  trustedOnly?: boolean;
}

/**
 * One picture filling the window. A modal dialog: focus moves to the close button, Tab stays
 * inside, Esc or the close button closes it.
 */
export function ImageZoom({ image, t, onClose, trustedOnly = true }: ImageZoomProps) {
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    closeRef.current?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (!acceptEvent(event, trustedOnly)) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === 'Tab') {
      // The close button is the only control: keep focus on it.
      event.preventDefault();
      closeRef.current?.focus();
    }
  };

  const onBackdropClick = (event: MouseEvent) => {
    if (!acceptEvent(event, trustedOnly)) return;
    if (event.target === event.currentTarget) onClose();
  };

  const label = image.alt.trim() || image.caption.trim();
  return (
    <div
      class="cm-zoom"
      role="dialog"
      aria-modal="true"
      aria-label={label ? t('imageZoomNamed', [label]) : t('imageZoomLabel')}
      onKeyDown={onKeyDown}
    >
      <div class="cm-zoom-bar">
        <Button
          label={t('closeImage')}
          icon="✕"
          onPress={onClose}
          trustedOnly={trustedOnly}
          buttonRef={closeRef}
          name="close-zoom"
        />
      </div>
      {/* Clicking the picture or around it closes too: one obvious gesture each way. */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: Esc and the close button are the keyboard path. */}
      <figure class="cm-zoom-figure" onClick={onBackdropClick}>
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: as above. */}
        <img
          class="cm-zoom-img"
          src={image.src}
          alt={image.alt}
          onClick={(event) => {
            if (acceptEvent(event, trustedOnly)) onClose();
          }}
        />
        {image.caption ? <figcaption class="cm-zoom-caption">{image.caption}</figcaption> : null}
      </figure>
    </div>
  );
}
