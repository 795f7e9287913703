import 'element-plus/dist/index.css';
import './styles/index.css';

import { createApp } from 'vue';

import { ApiError } from './api/request';
import App from './App.vue';
import { locale } from './locales';
import { router } from './router';

document.documentElement.lang = locale.value;

const app = createApp(App);

// request.ts has already shown every ApiError; pages need not catch them.
app.config.errorHandler = (error) => {
  if (!(error instanceof ApiError)) console.error(error);
};
window.addEventListener('unhandledrejection', (event) => {
  if (event.reason instanceof ApiError) event.preventDefault();
});

app.use(router).mount('#app');
