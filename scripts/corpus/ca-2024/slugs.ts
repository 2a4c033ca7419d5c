/**
 * A lower-case slug of a name: accents dropped, every run of other characters a single hyphen.
 * @example slugify('Sasha Renée Pérez') // 'sasha-renee-perez'
 * @example slugify('Armando "Mando" Perez-Serrato') // 'armando-mando-perez-serrato'
 */
export function slugify(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '') // combining accents left by NFD
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Slugs for a list of names, unique within the list and never one of `reserved`: a repeated slug gets
 * `-2`, `-3`, ... in list order. Throws on a name with no letter or digit.
 * @example uniqueSlugs(['A B', 'a-b', 'Other'], ['other']) // ['a-b', 'a-b-2', 'other-2']
 */
export function uniqueSlugs(names: readonly string[], reserved: readonly string[] = []): string[] {
  const taken = new Set(reserved);
  return names.map((name) => {
    const base = slugify(name);
    if (base === '') throw new Error(`cannot make an id from the name "${name}"`);
    let slug = base;
    for (let suffix = 2; taken.has(slug); suffix += 1) slug = `${base}-${suffix}`;
    taken.add(slug);
    return slug;
  });
}
