import { FormattedMessage } from 'react-intl';

/** The first stops for the Tab key: straight to the open alert or the decision form, past the status bar and the queue. */
export function SkipLink() {
  return (
    <>
      <a
        className="skip-link"
        href="#decision-form-heading"
        onClick={(event) => {
          event.preventDefault();
          // With no form open (a decided alert), the alert itself is the place to start.
          const target =
            document.getElementById('decision-form-heading') ?? document.getElementById('alert-heading');
          target?.focus();
        }}
      >
        <FormattedMessage
          id="live.skip.decision-form"
          defaultMessage="Skip to the decision form"
          description="Skip link, the first Tab stop"
        />
      </a>
      <a
        className="skip-link"
        href="#alert-heading"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('alert-heading')?.focus();
        }}
      >
        <FormattedMessage
          id="live.skip.open-alert"
          defaultMessage="Skip to the open alert"
          description="Skip link, the second Tab stop"
        />
      </a>
    </>
  );
}
