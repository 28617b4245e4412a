// Material draws each diagram with the global `mermaid`, fetching it from a CDN when there is none.
// This stand-in is that global: Material hands it its settings and the diagrams, and the real
// library (about 1 MB compressed, and slow to start on a phone) is loaded from this site only
// when a diagram comes within a screen's height of being seen, or the page is printed.
(() => {
  const library = document.currentScript.dataset.library
  const waiting = new Map() // diagram source element -> release function
  let settings = {}
  let loaded = null

  const load = () =>
    (loaded ||= new Promise((resolve, reject) => {
      const script = document.createElement("script")
      script.src = library
      script.onload = () => {
        window.mermaid.initialize(settings)
        resolve(window.mermaid)
      }
      script.onerror = () => reject(new Error(`could not load ${library}`))
      document.head.append(script)
    }))

  const observer = new IntersectionObserver(
    entries => entries.filter(entry => entry.isIntersecting).forEach(entry => release(entry.target)),
    { rootMargin: "100% 0px" },
  )
  const release = element => {
    observer.unobserve(element)
    waiting.get(element)?.()
    waiting.delete(element)
  }
  addEventListener("beforeprint", () => [...waiting.keys()].forEach(release))

  // Material renders each `pre.mermaid` in turn, passing the element's text.
  const sourceOf = text =>
    [...document.querySelectorAll("pre.mermaid")].find(
      element => element.textContent === text && !waiting.has(element),
    )

  window.mermaid = {
    initialize(options) {
      settings = options
    },
    async render(id, text) {
      const element = sourceOf(text)
      if (element) {
        await new Promise(resolve => {
          waiting.set(element, resolve)
          observer.observe(element)
        })
      }
      return (await load()).render(id, text)
    },
  }
})()
