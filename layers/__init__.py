"""Rendering: folium layers, legend and exports. Imports geo, never streamlit."""
