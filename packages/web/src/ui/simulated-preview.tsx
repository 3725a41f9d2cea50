// A rendered design preview: always with a visible "Simulated" mark beside the engine's own, so nobody takes it for
// a photo.
export function SimulatedPreview({ src, alt, size = 256 }: { src: string; alt: string; size?: number }) {
  return (
    <figure className="simulated">
      <img src={src} alt={`${alt} (simulated preview)`} width={size} height={size} loading="lazy" />
      <figcaption className="simulated-mark">Simulated</figcaption>
    </figure>
  )
}
