import * as api from '../../api.ts';
import { createResource } from '../../components/resource.ts';
import { onSessionEnd } from '../auth/session.ts';

export const PAGE_SIZE = 50;

export const stockPage = createResource(api.stock);
export const stockCard = createResource(api.stockCard);
export const productList = createResource(() => api.products());

onSessionEnd(() => {
  stockPage.reset();
  stockCard.reset();
  productList.reset();
});
