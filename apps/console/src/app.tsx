import { Redirect, Route, Switch } from 'wouter';
import { Header } from './components/header';
import { AudiencesPage } from './pages/admin/audiences-page';
import { KeysPage } from './pages/admin/keys-page';
import { SensorsPage } from './pages/admin/sensors-page';
import { TokensPage } from './pages/admin/tokens-page';
import { UsersPage } from './pages/admin/users-page';
import { AlertListPage } from './pages/alert-list-page';
import { AlertPage } from './pages/alert-page';
import { ApprovalsPage } from './pages/approvals-page';
import { AuditPage } from './pages/audit-page';
import { DashboardPage } from './pages/dashboard-page';
import { LoginPage } from './pages/login-page';
import { NewAlertPage } from './pages/new-alert-page';
import { ReportsPage } from './pages/reports-page';
import { useSession } from './session';

export function App() {
  const { user, checked, t } = useSession();
  if (!checked) return null;
  return (
    <>
      <Header />
      {!user ? (
        <LoginPage />
      ) : (
        <Switch>
          <Route path="/" component={DashboardPage} />
          <Route path="/approvals" component={ApprovalsPage} />
          <Route path="/alerts" component={AlertListPage} />
          <Route path="/alerts/new" component={NewAlertPage} />
          <Route path="/alerts/:id">{(p) => <AlertPage id={p.id} />}</Route>
          <Route path="/audit" component={AuditPage} />
          <Route path="/reports" component={ReportsPage} />
          <Route path="/admin"><Redirect to="/admin/users" /></Route>
          <Route path="/admin/users" component={UsersPage} />
          <Route path="/admin/tokens" component={TokensPage} />
          <Route path="/admin/sensors" component={SensorsPage} />
          <Route path="/admin/audiences" component={AudiencesPage} />
          <Route path="/admin/keys" component={KeysPage} />
          <Route path="/login"><Redirect to="/" /></Route>
          <Route>
            <main id="main"><h1>{t('notFound.title')}</h1></main>
          </Route>
        </Switch>
      )}
    </>
  );
}
