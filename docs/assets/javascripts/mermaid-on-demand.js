// Material draws each diagram with the global `mermaid`, fetching it from a CDN when there is none.
// This stand-in is that global: Material hands it its settings and the diagrams, and the real
// library (about 1 MB compressed, and slow to start on a phone) is loaded from this site only
// when a diagram is on the screen, or within a screen's height of it once the reader scrolls,
// or the page is printed.
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

  // Until the reader scrolls, only a diagram on the screen is drawn: one a little below the first
  // screen does not make every visit that stays at the top fetch and start the library. Once the
  // reader scrolls, diagrams within a screen's height are drawn ahead of them.
  const observe = rootMargin =>
    new IntersectionObserver(
      entries => entries.filter(entry => entry.isIntersecting).forEach(entry => release(entry.target)),
      { rootMargin },
    )
  let observer = observe("0px")
  addEventListener(
    "scroll",
    () => {
      observer.disconnect()
      observer = observe("100% 0px")
      waiting.forEach((_, element) => observer.observe(element))
    },
    { once: true, passive: true },
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
