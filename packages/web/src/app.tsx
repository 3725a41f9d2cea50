// The app's routes: the clinic's public site (`/`, or `/c/:slug` for any clinic), sign-in, the clinic dashboard
// (`/clinic/:clinicId/…`) and the client portal (`/portal/…`), with one query client for the API.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { lazy, Suspense } from 'react'
import { createBrowserRouter, type RouteObject, RouterProvider } from 'react-router'
import { ApiError } from './api/client.ts'
import { DashboardLayout } from './dashboard/dashboard-layout.tsx'
import { NotFoundPage, RouteErrorPage } from './not-found-page.tsx'
import { PortalLayout } from './portal/portal-layout.tsx'
import { BookPage } from './public/book-page.tsx'
import { EstimatePage } from './public/estimate-page.tsx'
import { FaqPage } from './public/faq-page.tsx'
import { GalleryPage } from './public/gallery-page.tsx'
import { HomePage } from './public/home-page.tsx'
import { ManageBookingPage } from './public/manage-booking-page.tsx'
import { PublicLayout } from './public/public-layout.tsx'
import { SignInPage } from './signin-page.tsx'
import { Loading } from './ui/states.tsx'

// the dashboard's and the portal's screens load when first opened: a visitor to the public site never downloads them
const AuditPage = lazy(() => import('./dashboard/audit-page.tsx').then((m) => ({ default: m.AuditPage })))
const TaxRulesPage = lazy(() => import('./dashboard/tax-rules-page.tsx').then((m) => ({ default: m.TaxRulesPage })))
const CalendarPage = lazy(() => import('./dashboard/calendar-page.tsx').then((m) => ({ default: m.CalendarPage })))
const ClientFilePage = lazy(() =>
  import('./dashboard/client-file-page.tsx').then((m) => ({ default: m.ClientFilePage }))
)
const ClientsPage = lazy(() => import('./dashboard/clients-page.tsx').then((m) => ({ default: m.ClientsPage })))
const CourseNewPage = lazy(() => import('./dashboard/course-new-page.tsx').then((m) => ({ default: m.CourseNewPage })))
const CredentialsPage = lazy(() =>
  import('./dashboard/credentials-page.tsx').then((m) => ({ default: m.CredentialsPage }))
)
const IntakeNewPage = lazy(() => import('./dashboard/intake-new-page.tsx').then((m) => ({ default: m.IntakeNewPage })))
const LocationsPage = lazy(() => import('./dashboard/locations-page.tsx').then((m) => ({ default: m.LocationsPage })))
const LotRecallPage = lazy(() => import('./dashboard/lot-recall-page.tsx').then((m) => ({ default: m.LotRecallPage })))
const OutboxPage = lazy(() => import('./dashboard/outbox-page.tsx').then((m) => ({ default: m.OutboxPage })))
const PortalConsentsPage = lazy(() =>
  import('./portal/consents-page.tsx').then((m) => ({ default: m.PortalConsentsPage }))
)
const PortalDesignsPage = lazy(() =>
  import('./portal/designs-page.tsx').then((m) => ({ default: m.PortalDesignsPage }))
)
const PortalHomePage = lazy(() => import('./portal/portal-home-page.tsx').then((m) => ({ default: m.PortalHomePage })))
const PortalPlanPage = lazy(() => import('./portal/plan-page.tsx').then((m) => ({ default: m.PortalPlanPage })))
const SessionNewPage = lazy(() =>
  import('./dashboard/session-new-page.tsx').then((m) => ({ default: m.SessionNewPage }))
)
const StudioMount = lazy(() => import('./dashboard/studio-mount.tsx').then((m) => ({ default: m.StudioMount })))
const TabletSigningPage = lazy(() =>
  import('./dashboard/tablet-signing-page.tsx').then((m) => ({ default: m.TabletSigningPage }))
)
const TodayPage = lazy(() => import('./dashboard/today-page.tsx').then((m) => ({ default: m.TodayPage })))

const publicPages: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { path: 'estimate', element: <EstimatePage /> },
  { path: 'faq', element: <FaqPage /> },
  { path: 'gallery', element: <GalleryPage /> },
  { path: 'book', element: <BookPage /> },
]

export const routes: RouteObject[] = [
  {
    errorElement: <RouteErrorPage />,
    children: [
      { path: '/', element: <PublicLayout />, children: publicPages },
      { path: '/c/:slug', element: <PublicLayout />, children: publicPages },
      { path: '/booking/manage', element: <ManageBookingPage /> },
      { path: '/signin', element: <SignInPage /> },
      // signing mode on the clinic's tablet: outside the dashboard's frame, so nothing leads out of it
      {
        path: '/clinic/:clinicId/clients/:clientId/sign/:templateId',
        element: (
          <Suspense fallback={<Loading what="the consent" />}>
            <TabletSigningPage />
          </Suspense>
        ),
      },
      {
        path: '/clinic/:clinicId',
        element: <DashboardLayout />,
        children: [
          { index: true, element: <TodayPage /> },
          { path: 'calendar', element: <CalendarPage /> },
          { path: 'locations', element: <LocationsPage /> },
          { path: 'clients', element: <ClientsPage /> },
          { path: 'clients/:clientId', element: <ClientFilePage /> },
          { path: 'clients/:clientId/intake', element: <IntakeNewPage /> },
          { path: 'clients/:clientId/session', element: <SessionNewPage /> },
          { path: 'clients/:clientId/course', element: <CourseNewPage /> },
          { path: 'clients/:clientId/designs/:designId', element: <StudioMount /> },
          { path: 'lots', element: <LotRecallPage /> },
          { path: 'credentials', element: <CredentialsPage /> },
          { path: 'outbox', element: <OutboxPage /> },
          { path: 'audit', element: <AuditPage /> },
          { path: 'taxes', element: <TaxRulesPage /> },
        ],
      },
      {
        path: '/portal',
        element: <PortalLayout />,
        children: [
          { index: true, element: <PortalHomePage /> },
          { path: 'designs', element: <PortalDesignsPage /> },
          { path: 'plan', element: <PortalPlanPage /> },
          { path: 'consents', element: <PortalConsentsPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // a refusal will not change by asking again; a dropped connection might
        retry: (count, error) =>
          count < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
        refetchOnWindowFocus: false,
      },
    },
  })
}

export function App() {
  return (
    <QueryClientProvider client={createQueryClient()}>
      <RouterProvider router={createBrowserRouter(routes)} />
    </QueryClientProvider>
  )
}
