/*
 * Copyright Camunda Services GmbH and/or licensed to Camunda Services GmbH
 * under one or more contributor license agreements. See the NOTICE file
 * distributed with this work for additional information regarding copyright
 * ownership. Camunda licenses this file to you under the Apache License,
 * Version 2.0; you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

export default {
  // duban: the page title and header read "督办 · 我的任务" (vendor + ' ' + name)
  app: {
    name: '我的任务',
    vendor: '督办 ·'
  },
  // duban inside Tasklist (../duban/tasklist.js): Chinese form messages, refusals beside the form, confirmations,
  // evidence upload in the 承办 form, duban's menu in the header; see docs/tasklist.md
  customScripts: ['../duban/tasklist'],
  //
  // configure the date format (moment.js patterns). The tasklist reads exactly
  // these keys: monthName, day, abbr, normal, long, short.
  dateFormat: {
    monthName: 'MMMM',
    day: 'DD',
    abbr: 'YYYY-MM-DD HH:mm',
    normal: 'YYYY-MM-DD HH:mm',
    long: 'YYYY-MM-DD HH:mm:ss dddd',
    short: 'YYYY-MM-DD'
  },
  //
  // Chinese (zh) for everyone: the webapps pick the browser's first language
  // (navigator.languages[0], e.g. 'en-US' -> 'en') if it is listed in
  // availableLocales, otherwise fallbackLocale. There is no language switch in
  // the UI, so 'en' is deliberately NOT listed: with 'en' listed, browsers set
  // to English would get English. To re-enable English add 'en' after 'zh'.
  locales: {
    availableLocales: ['zh'],
    fallbackLocale: 'zh'
  },
  // Note: the red 'It is time to migrate to Camunda 8' banner (.ce-eol-banner in
  // the header) has no config.js option in 7.24 (isCommunityEdition is hard-coded
  // to true in the bundle); duban hides it in ../duban/webapps.css (styles/user-styles.css).
  // requireJsConfig: {
  //   // AngularJS module names
  //   ngDeps: ['ui.bootstrap'],
  //   // RequireJS configuration for a complete configuration documentation see:
  //   // http://requirejs.org/docs/api.html#config
  //   deps: ['jquery', 'custom-ui'],
  //   paths: {
  //     // if you have a folder called `custom-ui` (in the `scripts` folder)
  //     // with a file called `scripts.js` in it and defining the `custom-ui` AMD module
  //     'custom-ui': 'custom-ui/scripts'
  //   }
  // },
  // csrfCookieName: 'XSRF-TOKEN',
  // duban: no "first login" probe of /camunda-welcome (a Camunda Run page); behind duban's login it would
  // leave the sign-in form waiting after a logout
  disableWelcomeMessage: true,
  // assignProcessInstanceIdToTaskComment: true,

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
