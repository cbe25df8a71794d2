// Research topics and calls for suggestions: the topic guide, a topic, its editor and working
// space, an expert's own topics, topic suggestions, member departments and calls.
import { Files, Guide, Notebook, OfficeBuilding, Promotion } from '@element-plus/icons-vue'
import { STAFF, defineArea } from '../meta'

export default defineArea({
  shell: [
    {
      path: 'topics',
      name: 'topics',
      component: () => import('@/pages/topics/TopicGuidePage.vue'),
      meta: { title: 'nav.topics', menu: { group: 'research', order: 10, icon: Guide } },
    },
    {
      path: 'topics/new',
      name: 'topic-new',
      component: () => import('@/pages/topics/TopicEditPage.vue'),
      meta: { roles: ['coordinator'], title: 'topic.create' },
    },
    {
      path: 'topics/suggestions',
      name: 'topic-suggestions',
      component: () => import('@/pages/topics/TopicSuggestionsPage.vue'),
      meta: { roles: ['expert', 'coordinator'], title: 'nav.topicSuggestions', menu: { group: 'research', order: 20, icon: Promotion } },
    },
    {
      path: 'topics/:id(\\d+)',
      name: 'topic',
      component: () => import('@/pages/topics/TopicDetailPage.vue'),
      meta: { title: 'topic.detail' },
    },
    {
      path: 'topics/:id(\\d+)/edit',
      name: 'topic-edit',
      component: () => import('@/pages/topics/TopicEditPage.vue'),
      meta: { roles: ['coordinator'], title: 'topic.edit' },
    },
    {
      path: 'topics/:id(\\d+)/workspace',
      name: 'topic-workspace',
      component: () => import('@/pages/topics/TopicWorkspacePage.vue'),
      meta: { title: 'topic.workspace' },
    },
    {
      path: 'me/topics',
      name: 'my-topics',
      component: () => import('@/pages/topics/MyTopicsPage.vue'),
      meta: { roles: ['expert'], title: 'nav.myTopics', menu: { group: 'mine', order: 25, icon: Notebook } },
    },
    {
      path: 'calls',
      name: 'calls',
      component: () => import('@/pages/topics/CallsPage.vue'),
      meta: { title: 'nav.calls', menu: { group: 'research', order: 30, icon: Files } },
    },
    {
      path: 'departments',
      name: 'departments',
      component: () => import('@/pages/topics/DepartmentsPage.vue'),
      meta: { roles: STAFF, title: 'nav.departments', menu: { group: 'research', order: 40, icon: OfficeBuilding } },
    },
  ],
})
