import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import type { Product } from '../../api.ts';

let loading: Promise<Product[]> | null = null;

/** The catalogue, read once for the breakdowns that carry product ids only. */
export function useCatalogue(): ReadonlyMap<number, Product> {
  const [products, setProducts] = useState<ReadonlyMap<number, Product>>(new Map());
  useEffect(() => {
    loading ??= api.products().then(
      (r) => r.items,
      (e: unknown) => {
        loading = null;
        throw e;
      },
    );
    loading.then((items) => setProducts(new Map(items.map((p) => [p.id, p]))), () => undefined);
  }, []);
  return products;
}
