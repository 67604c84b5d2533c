/** The service desk's chunk (ServiceDeskRoute imports it on demand), with its styles. */
import './service-desk.css';
export { ServiceDeskScreen } from './ServiceDeskScreen.tsx';
export { RequestScreen } from './RequestScreen.tsx';
