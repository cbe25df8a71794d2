import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createAppRouter } from './router'
import { installSessionExpiry } from './router/sessionExpiry'
import { useAuthStore } from './stores/auth'
import { i18n, currentLocale } from './locales'
// Styles of the Element Plus parts used from script (templates get theirs from the resolver).
import 'element-plus/theme-chalk/base.css'
import 'element-plus/theme-chalk/el-message.css'
import 'element-plus/theme-chalk/el-message-box.css'
import './styles.css'
import './print/print.css'

document.documentElement.lang = currentLocale()

const app = createApp(App)
const pinia = createPinia()
const router = createAppRouter()
app.use(pinia)
app.use(i18n)
app.use(router)
installSessionExpiry(router, useAuthStore(pinia))
app.mount('#app')
