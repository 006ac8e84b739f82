import { type CatalogueFile, type CatalogueProduct, readCatalogueFile } from '../../src/db/catalogue-file.ts';

/**
 * The catalogue file read independently of the service: what tests judge results by. Filter semantics as
 * data/README.md states them, written again here rather than imported, so a bug in the service's
 * filters cannot hide in its own oracle.
 */
export interface OracleFilters {
  category?: string;
  minPriceMinor?: number;
  maxPriceMinor?: number;
  waterproof?: boolean;
  gender?: 'men' | 'women' | 'kids' | 'unisex';
  season?: string;
  size?: string;
  colour?: string;
  inStock?: boolean;
}

export interface CatalogueOracle {
  catalogue: CatalogueFile;
  product(id: string): CatalogueProduct;
  /** Does the product meet every filter (stock as in the file)? */
  satisfies(product: CatalogueProduct, filters: OracleFilters): boolean;
  /** Ids of every product meeting the filters. */
  matching(filters: OracleFilters): string[];
}

export async function loadCatalogueOracle(): Promise<CatalogueOracle> {
  const catalogue = await readCatalogueFile();
  const byId = new Map(catalogue.products.map((product) => [product.id, product]));
  const satisfies = (p: CatalogueProduct, f: OracleFilters): boolean => {
    const gender = p.attributes.gender;
    if (f.category !== undefined && p.category !== f.category) return false;
    if (f.waterproof !== undefined && p.attributes.waterproof !== f.waterproof) return false;
    if (f.gender !== undefined && gender !== f.gender && !(gender === 'unisex' && ['men', 'women'].includes(f.gender)))
      return false;
    if (f.season !== undefined && p.attributes.season !== f.season && p.attributes.season !== 'all-season')
      return false;
    const variants = p.variants.filter(
      (v) =>
        (f.size === undefined || v.size.toUpperCase() === f.size.toUpperCase()) &&
        (f.colour === undefined ||
          v.colour.toLowerCase() === f.colour ||
          v.colour.toLowerCase().split(' ').includes(f.colour)) &&
        (!f.inStock || v.stock > 0),
    );
    if (variants.length === 0) return false;
    const price = Math.min(...variants.map((v) => v.priceMinor ?? p.priceMinor));
    if (f.minPriceMinor !== undefined && price < f.minPriceMinor) return false;
    if (f.maxPriceMinor !== undefined && price > f.maxPriceMinor) return false;
    return true;
  };
  return {
    catalogue,
    product(id) {
      const product = byId.get(id);
      if (!product) throw new Error(`no product ${id} in the catalogue file`);
      return product;
    },
    satisfies,
    matching: (filters) => catalogue.products.filter((p) => satisfies(p, filters)).map((p) => p.id),
  };
}
