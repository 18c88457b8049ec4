export function App() {
  return (
    <main className="app">
      <h1>Stepwise</h1>
    </main>
  )
}
