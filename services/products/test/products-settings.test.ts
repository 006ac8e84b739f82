import { ConfigError } from '@shopchat/mcp-service';
import { describe, expect, it } from 'vitest';
import { loadProductsSettings, PRODUCTS_DEFAULTS } from '../src/products-settings.ts';

describe('loadProductsSettings', () => {
  it('runs on the embedded database with demo data and local links by default', () => {
    expect(loadProductsSettings({})).toEqual({
      migrateOnStart: true,
      seedDemoData: true,
      publicUrl: 'http://127.0.0.1:3102',
      shopBaseUrl: 'https://shop.example',
    });
    expect(PRODUCTS_DEFAULTS.publicUrl).toBe('http://127.0.0.1:3102');
  });

  it('seeds PostgreSQL only when asked, and trims trailing slashes from URLs', () => {
    const settings = loadProductsSettings({
      DATABASE_URL: 'postgres://db/shop',
      PRODUCTS_PUBLIC_URL: 'https://cdn.shop.example/products/',
      SHOP_BASE_URL: 'https://shop.example/',
    });
    expect(settings).toMatchObject({
      databaseUrl: 'postgres://db/shop',
      seedDemoData: false,
      publicUrl: 'https://cdn.shop.example/products',
      shopBaseUrl: 'https://shop.example',
    });
    expect(loadProductsSettings({ DATABASE_URL: 'postgres://db/shop', SEED_DEMO_DATA: 'true' }).seedDemoData).toBe(
      true,
    );
  });

  it.each([
    ['DATABASE_URL', 'mysql://db/shop'],
    ['PRODUCTS_PUBLIC_URL', 'javascript:alert(1)'],
    ['PRODUCTS_PUBLIC_URL', 'ftp://files.example'],
    ['SHOP_BASE_URL', 'https://shop.example/?ref=chat'],
    ['SEED_DEMO_DATA', 'yes'],
  ])('stops at startup with a message naming %s', (variable, value) => {
    const attempt = () => loadProductsSettings({ [variable]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(new RegExp(`^${variable} is invalid`));
  });
});
