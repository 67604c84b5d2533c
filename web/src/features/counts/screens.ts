/** The stock-count screens' chunk (CountsRoute imports it on demand), with their styles. */
import './counts.css';
export { CountsScreen } from './CountsScreen.tsx';
export { CountScreen } from './CountScreen.tsx';
