// Code for the differential test's rules with a fix.
const settings = {
  debug: true,
  verbose: false,
};

function load_user_profile(userId) {
  const profile = getUserProfile(userId);
  if (!profile) {
    return null;
  }
  return profile;
}

const total = getTotalPrice(settings);
