import type { CategorySummary } from './category-summary.ts';
import { everyVariantMatch, type FilterMatch, matchFilters } from './match-filters.ts';
import type { Product } from './product.ts';
import type { ProductFilters } from './product-filters.ts';

/** A department as stored: its id, label and place in the shop's order. */
export interface Category {
  id: string;
  label: string;
  position: number;
}

/** Ids and SKUs are ASCII by the schema's CHECKs; anything else cannot name a product. */
const ASCII = /^[\x20-\x7e]*$/;

/**
 * The whole catalogue as one consistent read (every product with its variants and stock, every
 * category) and the catalogue version it was read at. Immutable: a newer read replaces it whole, so a
 * search sees one version from start to end. 337 products and 3,787 variants are about a megabyte.
 */
export class CatalogueSnapshot {
  /** The `products_catalogue_version` this was read at. */
  readonly version: number;
  /** Every product, by id. */
  readonly products: readonly Product[];
  readonly categories: readonly Category[];
  readonly #byId: Map<string, Product>;
  readonly #bySku: Map<string, Product>;
  /** Each product's match over all its variants: most searches filter on neither size nor colour. */
  readonly #everyVariant: Map<string, FilterMatch>;

  constructor(version: number, products: readonly Product[], categories: readonly Category[]) {
    this.version = version;
    this.products = products;
    this.categories = categories;
    this.#byId = new Map(products.map((product) => [product.id, product]));
    this.#bySku = new Map(products.map((product) => [product.sku, product]));
    this.#everyVariant = new Map(products.map((product) => [product.id, everyVariantMatch(product)]));
  }

  /**
   * Every product that meets every filter ({@link matchFilters}), with its price and stock over the
   * selected variants. `among` limits the answer to these ids (the products a text search found).
   */
  matchFilters(filters: ProductFilters, among?: readonly string[]): Map<string, FilterMatch> {
    const matches = new Map<string, FilterMatch>();
    const candidates = among ? among.flatMap((id) => this.#byId.get(id) ?? []) : this.products;
    for (const product of candidates) {
      const match = matchFilters(product, filters, this.#everyVariant.get(product.id));
      if (match) matches.set(product.id, match);
    }
    return matches;
  }

  /**
   * How one product (by id) meets `filters`, as {@link matchFilters}; null when it misses one or does not
   * exist. For a text search that walks its ranked ids and stops once no later one can pass.
   */
  matchOne(id: string, filters: ProductFilters): FilterMatch | null {
    const product = this.#byId.get(id);
    return product ? matchFilters(product, filters, this.#everyVariant.get(id)) : null;
  }

  /** The products with these ids, in the order given; ids that do not exist are skipped. */
  loadProducts(ids: readonly string[]): Product[] {
    return ids.flatMap((id) => this.#byId.get(id) ?? []);
  }

  /** One product by its id (any case) or its product SKU; null when there is none. */
  findProduct(idOrSku: string): Product | null {
    if (!ASCII.test(idOrSku)) return null;
    return this.#byId.get(idOrSku.toLowerCase()) ?? this.#bySku.get(idOrSku.toUpperCase()) ?? null;
  }

  /** Every category, in the shop's order, with its product counts. */
  listCategories(): CategorySummary[] {
    return this.categories.map((category) => {
      let productCount = 0;
      let inStockCount = 0;
      for (const product of this.products) {
        if (product.categoryId !== category.id) continue;
        productCount++;
        if (product.variants.some((variant) => variant.stock > 0)) inStockCount++;
      }
      return { id: category.id, label: category.label, productCount, inStockCount };
    });
  }
}
