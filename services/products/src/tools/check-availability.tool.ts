import { defineTool, toolResult } from '@shopchat/mcp-service';
import { z } from 'zod';
import { normalizeColour } from '../catalogue/normalize-colour.ts';
import { normalizeSize } from '../catalogue/normalize-size.ts';
import type { Product } from '../catalogue/product.ts';
import type { ProductFilters } from '../catalogue/product-filters.ts';
import { selectVariants, type VariantRequest } from '../catalogue/select-variants.ts';
import { type ProductCard, productCard, productCardOutput } from './product-card.ts';
import { productIdInput } from './product-id-input.ts';
import { productNotFound } from './product-not-found.ts';
import type { ProductToolDeps } from './product-tool-deps.ts';
import { sameProductAlternatives } from './same-product-alternatives.ts';
import { type VariantOutput, variant, variantOutput } from './variant-output.ts';
import { colourInput, sizeInput } from './variant-request-input.ts';

/** Similar products offered when the one asked for is not available. */
const SIMILAR_PRODUCTS = 3;

const input = z.strictObject({
  product_id: productIdInput,
  size: sizeInput.optional().describe('The size the customer wants ("M", "medium", "44"); omit for any size.'),
  colour: colourInput.optional().describe('The colour the customer wants; omit for any colour.'),
});

const output = z.object({
  product: productCardOutput,
  requested: z.object({ size: z.string().nullable(), colour: z.string().nullable() }),
  offered: z.boolean().describe('False when the product is not made in the requested size/colour at all.'),
  in_stock: z.boolean().describe('True when at least one matching variant has stock now.'),
  variants: z.array(variantOutput).describe('The matching variants (every variant when nothing was requested).'),
  alternatives: z
    .object({
      same_product: z.array(variantOutput).describe('Other sizes/colours of this product that are in stock.'),
      similar_products: z.array(productCardOutput).describe('Similar products of the same category, in stock.'),
    })
    .describe('Filled only when nothing matching is in stock.'),
});

/** `check_availability`: is this product in stock in this size/colour, and what else if not. */
export default function createCheckAvailabilityTool(options: ProductToolDeps) {
  const similarTo = async (product: Product, request: VariantRequest): Promise<ProductCard[]> => {
    const filters: ProductFilters = {
      category: product.categoryId,
      inStock: true,
      ...(request.size ? { size: request.size } : {}),
      ...(product.gender !== 'unisex' ? { gender: product.gender } : {}),
    };
    const found = await options.searchProducts({ query: product.name, filters, sort: 'relevance', limit: 4 });
    return found.hits
      .filter((hit) => hit.product.id !== product.id)
      .slice(0, SIMILAR_PRODUCTS)
      .map((hit) => productCard(hit.product, { ...(request.size ? { size: request.size } : {}) }, options.links));
  };

  return defineTool({
    name: 'check_availability',
    title: 'Check stock of a product',
    description:
      'Check live stock of one product the customer has already picked (by the product_id search_products returned) in a size and/or colour: "do you still have these boots in 44?", "the second one in navy?". Returns the matching variants with their stock, whether it is in stock, and when it is not, in-stock alternatives: other sizes or colours of the same product and similar products. For a kind of product rather than one already picked, use search_products with a size: each result shows its stock in that size.',
    input,
    output,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    needsCustomer: false,
    async handler(args) {
      const product = await options.repo.findProduct(args.product_id);
      if (!product) return productNotFound(args.product_id);
      const request: VariantRequest = {
        ...(args.size ? { size: normalizeSize(args.size) } : {}),
        ...(args.colour ? { colour: normalizeColour(args.colour) } : {}),
      };
      const matching = selectVariants(product.variants, request);
      const inStock = matching.some((v) => v.stock > 0);
      const sameProduct = inStock ? [] : sameProductAlternatives(product.variants, request);
      const similar = inStock ? [] : await similarTo(product, request);
      const toOutput = (v: (typeof product.variants)[number]) => variant(v, product.currency);
      const structured = {
        product: productCard(product, request, options.links),
        requested: { size: request.size ?? null, colour: request.colour ?? null },
        offered: matching.length > 0,
        in_stock: inStock,
        variants: matching.map(toOutput),
        alternatives: { same_product: sameProduct.map(toOutput), similar_products: similar },
      };
      return toolResult(structured, describeAvailability(product, structured));
    },
  });
}

/** Variants listed in the text answer; every one is in the structured result. */
const VARIANTS_IN_TEXT = 12;

function describeAvailability(product: Product, result: z.infer<typeof output>): string {
  const { size, colour } = result.requested;
  const asked = [
    size ? `size ${result.variants[0]?.size ?? size}` : null,
    colour ? `in ${result.variants[0]?.colour ?? colour}` : null,
  ]
    .filter(Boolean)
    .join(' ');
  const subject = asked ? `${product.name}, ${asked}` : product.name;
  if (!result.offered) {
    const sizes = [...new Set(product.variants.map((v) => v.size))].join(', ');
    const colours = [...new Set(product.variants.map((v) => v.colour))].join(', ');
    return `${product.name} is not made ${asked}. Sizes: ${sizes}. Colours: ${colours}.${similarText(result)}`;
  }
  if (result.in_stock) {
    const unasked = (v: VariantOutput) => [size ? null : v.size, colour ? null : v.colour].filter(Boolean).join(' ');
    const listed = result.variants
      .filter((v) => size || colour || v.stock > 0)
      .slice(0, VARIANTS_IN_TEXT)
      .map((v) => (unasked(v) ? `${unasked(v)}: ${v.label.toLowerCase()}` : v.label.toLowerCase()));
    return `${subject}: in stock (${listed.join(', ')}).`;
  }
  const others = result.alternatives.same_product.map((v) => `${v.size} ${v.colour} (${v.label.toLowerCase()})`);
  const otherText = others.length > 0 ? ` In stock instead: ${others.join(', ')}.` : '';
  return `${subject}: sold out.${otherText}${similarText(result)}`;
}

function similarText(result: z.infer<typeof output>): string {
  const similar = result.alternatives.similar_products.map(
    (card) => `${card.name} (${card.price.formatted}, id ${card.id})`,
  );
  return similar.length > 0 ? ` Similar products in stock: ${similar.join('; ')}.` : '';
}
