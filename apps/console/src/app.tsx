import { Redirect, Route, Switch } from 'wouter';
import { Header } from './components/header';
import { AlertPage } from './pages/alert-page';
import { ApprovalsPage } from './pages/approvals-page';
import { DashboardPage } from './pages/dashboard-page';
import { LoginPage } from './pages/login-page';
import { NewAlertPage } from './pages/new-alert-page';
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
          <Route path="/alerts/new" component={NewAlertPage} />
          <Route path="/alerts/:id">{(p) => <AlertPage id={p.id} />}</Route>
          <Route path="/login"><Redirect to="/" /></Route>
          <Route>
            <main id="main"><h1>{t('notFound.title')}</h1></main>
          </Route>
        </Switch>
      )}
    </>
  );
}
