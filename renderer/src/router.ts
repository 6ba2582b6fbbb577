import { createRouter, createWebHashHistory } from 'vue-router'
import { useAppStore } from './stores/app'

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
          meta: { title: '受理登记' }
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
        { path: 'about', name: 'about', component: () => import('./views/AboutView.vue'), meta: { title: '关于' } }
      ]
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

// First run: until this installation knows its office, every route leads to setup.
router.beforeEach(async (to) => {
  const app = useAppStore()
  if (!app.info) await app.load()
  if (!app.info) return true
  if (app.needsSetup && to.name !== 'setup') return { name: 'setup' }
  if (!app.needsSetup && to.name === 'setup') return { name: 'home' }
  return true
})

router.afterEach((to) => {
  const title = typeof to.meta.title === 'string' ? to.meta.title : ''
  document.title = title ? `${title} · 人民调解案件管理` : '人民调解案件管理'
})
