package gallery

// galleryCSS lays out the cards; colours come from pagerender.ThemeCSS.
const galleryCSS = `
.gallery-header { max-width: 76rem; margin: 0 auto; padding: 2rem 1.5rem 0.5rem; }
.gallery-header h1 { margin: 0 0 0.25rem; font-size: 2rem; }
.group-nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; margin: 0.5rem 0 0; }
.gallery { max-width: 76rem; margin: 0 auto; padding: 0 1.5rem 2rem; }
.group h2 { font-size: 1.3rem; border-bottom: 1px solid var(--border); padding-bottom: 0.25rem; margin: 1.5rem 0 1rem; }
.cards { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 1.25rem; }
.card { min-width: 0; overflow-wrap: anywhere; border: 1px solid var(--border); border-radius: 8px; background: var(--bg); padding: 0.75rem; display: flex; flex-direction: column; gap: 0.4rem; }
.card-failed { border-color: var(--failed-border); }
.card-link { color: var(--fg); text-decoration: none; display: flex; flex-direction: column; gap: 0.5rem; }
.card-link:hover .card-title { color: var(--accent); text-decoration: underline; }
.card picture { display: block; }
.thumb { display: block; width: 100%; height: auto; aspect-ratio: 16 / 9; object-fit: contain; background: var(--bg); border-radius: 4px; border: 1px solid var(--border); }
.thumb-placeholder { object-fit: cover; }
.card-title { font-weight: 600; font-size: 1.05rem; }
.card-headline { margin: 0; font-size: 1.05rem; font-weight: 600; line-height: 1.3; }
@media screen and (prefers-color-scheme: dark) { .thumb-placeholder { filter: invert(0.88); } }
.card-description { margin: 0; color: var(--muted); font-size: 0.9rem; }
.card-status { margin: 0; font-size: 0.8125rem; color: var(--muted); }
.card-error { margin: 0; overflow-wrap: anywhere; font-size: 0.75rem; white-space: pre-wrap; max-height: 8rem; overflow: auto; color: var(--failed-fg); background: var(--failed-bg); border-color: var(--failed-border); }
.page-footer { max-width: 76rem; margin: 0 auto; padding: 1rem 1.5rem 2rem; border-top: 1px solid var(--border); color: var(--muted); font-size: 0.8rem; }
@media print { .group-nav { display: none; } .card { break-inside: avoid; } }
`
