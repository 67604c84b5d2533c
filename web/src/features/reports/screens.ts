/** The reports screen's chunk (ReportsRoute imports it on demand), with its messages and styles. */
import './reports.css';
export { ReportsScreen } from './ReportsScreen.tsx';
export { SubmissionsLink, SubmissionsScreen } from './SubmissionsScreen.tsx';
