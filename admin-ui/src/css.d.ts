// Stylesheets are bundled by wp-scripts (into build/index.css), not imported for values.
declare module '*.css';
