import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// Element Plus components are imported per use (with their CSS) by unplugin-vue-components,
// and every page is its own lazy chunk, so no chunk comes near Vite's 500 kB warning.
export default defineConfig({
  plugins: [
    vue(),
    Components({
      dts: 'src/components.d.ts',
      dirs: [],
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
    }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      output: {
        // Shared chunks of Element Plus would all be called "css" (their first module is a
        // style entry); name them after the component instead.
        chunkFileNames: (chunk) => {
          if (chunk.name !== 'css' && chunk.name !== 'index') return 'assets/[name]-[hash].js'
          for (const id of chunk.moduleIds) {
            const m = /element-plus\/es\/components\/([a-z-]+)\//.exec(id)
            if (m) return `assets/el-${m[1]}-[hash].js`
          }
          return 'assets/[name]-[hash].js'
        },
      },
    },
  },
})
