import { render } from 'preact';
import browser from 'webextension-polyfill';
import { POPUP_CSS } from '../../components/popup/styles';
import { App } from './App';

// The page's language and title come from _locales like every other string.
document.documentElement.lang = browser.i18n.getUILanguage() || 'zh-CN';
document.title = browser.i18n.getMessage('extName') || document.title;

const style = document.createElement('style');
style.textContent = POPUP_CSS;
document.head.append(style);

const mount = document.getElementById('app');
if (mount) render(<App />, mount);
