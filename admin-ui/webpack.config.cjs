// wp-scripts' configuration with the entry and output of this plugin, and nothing left to the page's globals.
// Merchants run WordPress 6.1 to 7.x, whose wp.element / wp.components differ (React 17 on 6.1), so React and every
// @wordpress/* package the screens use are bundled; index.asset.php then lists no script dependencies.
const path = require('node:path');
const defaultConfig = require('@wordpress/scripts/config/webpack.config');
const DependencyExtractionWebpackPlugin = require('@wordpress/dependency-extraction-webpack-plugin');

module.exports = {
  ...defaultConfig,
  entry: {
    index: path.resolve(__dirname, 'src/index.tsx'),
    'dashboard-widget': path.resolve(__dirname, 'src/dashboard-widget.tsx'),
  },
  output: { ...defaultConfig.output, path: path.resolve(__dirname, '../plugin/build') },
  // One stylesheet per entry, build/index.css and build/dashboard-widget.css, the ones the PHP enqueues (wp-scripts would split every `style.css`,
  // @wordpress/components' among them, into a separate style-<entry>.css).
  optimization: { ...defaultConfig.optimization, splitChunks: { cacheGroups: { default: false } } },
  // Bundling React and the components is the point; the size warning would only repeat it on every build.
  performance: { hints: false },
  plugins: [
    ...defaultConfig.plugins.filter((plugin) => !(plugin instanceof DependencyExtractionWebpackPlugin)),
    new DependencyExtractionWebpackPlugin({ useDefaults: false }),
  ],
};
