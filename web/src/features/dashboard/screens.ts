/** The dashboard's chunk (DashboardRoute imports it on demand), with its styles. */
import './dashboard.css';
export { DashboardScreen } from './DashboardScreen.tsx';
