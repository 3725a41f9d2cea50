// The app shell; the public site, client portal, clinic dashboard and design studio arrive with later issues.
export function App() {
  return (
    <main>
      <h1>Stipple</h1>
      <p>Software for scalp micropigmentation clinics.</p>
      <p>The clinic app is being built. There is nothing to use here yet.</p>
    </main>
  )
}
