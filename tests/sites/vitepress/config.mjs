// VitePress site of tests/test_site_vitepress.py: the editions locpipe wrote into
// build/site/<lang>/ are the pages, one locale per folder. The test copies this file
// to <project>/site/.vitepress/config.mjs.
export default {
  title: 'locpipe',
  srcDir: '../build/site',
  outDir: '../build/vitepress',
  // The fixture pages link to pages of their own sites that the test does not have.
  ignoreDeadLinks: true,
  locales: {
    en: { label: 'English', lang: 'en' },
    'zh-Hans': { label: '简体中文', lang: 'zh-Hans' },
  },
}
