/** The users register's chunk (PeopleRoute imports it on demand), with its messages and styles; the people's forms reuse the reports' sheet. */
import '../reports/reports.css';
import './people.css';
export { PeopleScreen } from './PeopleScreen.tsx';
export { PersonScreen } from './PersonScreen.tsx';
export { FollowUpsScreen } from './FollowUpsScreen.tsx';
export { PeopleReportsScreen } from './PeopleReportsScreen.tsx';
