"""The trajectory stage: one runner among others (tracks), the view the camera has of them."""
