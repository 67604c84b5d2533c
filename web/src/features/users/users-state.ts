import * as api from '../../api.ts';
import { createResource } from '../../components/resource.ts';
import { onSessionEnd } from '../auth/session.ts';

export const PAGE_SIZE = 50;

export const userList = createResource(api.users);

onSessionEnd(() => userList.reset());
