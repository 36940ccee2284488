export function FatalBanner({ message }: { message: string }) {
  return (
    <div className="fatal" role="alert">
      <strong>The station is read-only.</strong> {message} Call your supervisor; do not record decisions
      elsewhere on this station.
    </div>
  );
}
