import { createRouter, createWebHashHistory } from 'vue-router'
import { ElMessage } from 'element-plus'
import type { MethodName } from '../../shared/ipc-contract'
import { useAppStore } from './stores/app'
import { useAuthStore } from './stores/auth'

export const router = createRouter({
  // Hash history: the built page is loaded from a file in Electron.
  history: createWebHashHistory(),
  routes: [
    {
      path: '/setup',
      name: 'setup',
      component: () => import('./views/FirstRunView.vue'),
      meta: { title: '首次使用设置' }
    },
    {
      path: '/',
      component: () => import('./layouts/MainLayout.vue'),
      children: [
        { path: '', name: 'home', component: () => import('./views/HomeView.vue'), meta: { title: '首页' } },
        {
          path: 'intake',
          name: 'intake',
          component: () => import('./views/IntakeView.vue'),
          meta: { title: '受理登记', method: 'cases.register' }
        },
        { path: 'cases', name: 'cases', component: () => import('./views/CaseListView.vue'), meta: { title: '案件' } },
        {
          path: 'cases/:id',
          name: 'case',
          component: () => import('./views/CaseDetailView.vue'),
          meta: { title: '案件详情' }
        },
        {
          path: 'mediators',
          name: 'mediators',
          component: () => import('./views/MediatorRosterView.vue'),
          meta: { title: '调解员名册' }
        },
        {
          path: 'mediators/new',
          name: 'mediator-new',
          component: () => import('./views/MediatorEditView.vue'),
          meta: { title: '新增调解员' }
        },
        {
          path: 'mediators/:id',
          name: 'mediator',
          component: () => import('./views/MediatorEditView.vue'),
          meta: { title: '调解员信息' }
        },
        {
          path: 'users',
          name: 'users',
          component: () => import('./views/UsersView.vue'),
          meta: { title: '账户管理', method: 'users.list' }
        },
        {
          path: 'hub',
          name: 'hub',
          component: () => import('./views/HubView.vue'),
          meta: { title: '数据上报', method: 'hub.exports' }
        },
        {
          path: 'audit',
          name: 'audit',
          component: () => import('./views/AuditView.vue'),
          meta: { title: '审计日志', method: 'audit.list' }
        },
        {
          path: 'patrols',
          name: 'patrols',
          component: () => import('./views/PatrolsView.vue'),
          meta: { title: '网格排查', method: 'patrols.list' }
        },
        {
          path: 'key-persons',
          name: 'key-persons',
          component: () => import('./views/KeyPersonsView.vue'),
          meta: { title: '重点人员', method: 'keyPersons.list' }
        },
        {
          path: 'hearings',
          name: 'hearings',
          component: () => import('./views/HearingCalendarView.vue'),
          meta: { title: '排期日历' }
        },
        {
          path: 'charts',
          name: 'charts',
          component: () => import('./views/ChartsView.vue'),
          meta: { title: '统计图表', method: 'stats.charts' }
        },
        {
          path: 'reports',
          name: 'reports',
          component: () => import('./views/ReportView.vue'),
          meta: { title: '统计报表', method: 'reports.monthly' }
        },
        {
          path: 'settings',
          name: 'settings',
          component: () => import('./views/SettingsView.vue'),
          meta: { title: '设置', method: 'settings.set' }
        },
        { path: 'about', name: 'about', component: () => import('./views/AboutView.vue'), meta: { title: '关于' } }
      ]
    },
    {
      path: '/sign-in',
      name: 'sign-in',
      component: () => import('./views/SignInView.vue'),
      meta: { title: '登录' }
    },
    {
      path: '/setup/admin',
      name: 'setup-admin',
      component: () => import('./views/SignInView.vue'),
      meta: { title: '设置管理员账户' }
    },
    {
      path: '/recovery',
      name: 'recovery',
      component: () => import('./views/RecoveryView.vue'),
      meta: { title: '数据库修复' }
    },
    {
      path: '/cases/:id/print/:kind',
      name: 'document-print',
      component: () => import('./views/DocumentPrintView.vue'),
      meta: { title: '打印预览' }
    },
    {
      path: '/cases/:id/receipt',
      name: 'receipt',
      component: () => import('./views/ReceiptView.vue'),
      meta: { title: '受理回执' }
    },
    { path: '/:rest(.*)*', redirect: '/' }
  ]
})

/** Screens that stand before the app itself, in the order they are passed. */
const GATES = ['setup', 'setup-admin', 'sign-in', 'recovery'] as const
type Gate = (typeof GATES)[number]

/**
 * First run chooses the office, then the first administrator's account;
 * after that everyone signs in; and a store found damaged opens on recovery
 * (after signing in, since only an administrator may restore it).
 */
function pendingGate(): Gate | null {
  const app = useAppStore()
  const auth = useAuthStore()
  if (app.needsSetup) return 'setup'
  if (auth.needsAdmin) return 'setup-admin'
  if (auth.needsSignIn) return 'sign-in'
  if (app.needsRecovery) return 'recovery'
  return null
}

router.beforeEach(async (to) => {
  const app = useAppStore()
  if (!app.info) await app.load()
  if (!app.info) return true
  const auth = useAuthStore()
  if (!auth.status) await auth.load()
  const gate = pendingGate()
  if (gate) {
    if (to.name === gate) return true
    return gate === 'sign-in' ? { name: gate, query: { next: to.fullPath } } : { name: gate }
  }
  if (GATES.includes(to.name as Gate)) return { name: 'home' }
  // A screen built on a method the role may not call is not opened (main would refuse its calls anyway).
  const method = to.meta.method as MethodName | undefined
  if (method && !auth.can(method)) {
    ElMessage.warning('当前账户没有权限打开此页面')
    return { name: 'home' }
  }
  return true
})

router.afterEach((to) => {
  const title = typeof to.meta.title === 'string' ? to.meta.title : ''
  document.title = title ? `${title} · 人民调解案件管理` : '人民调解案件管理'
})
